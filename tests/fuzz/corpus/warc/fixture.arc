filedesc://fixture.arc 127.0.0.1 20240301100000 text/plain 75
1 0 Sitrep Fixture
URL IP-address Archive-date Content-type Archive-length

http://news.example.org/bridge 192.0.2.7 20240301100000 text/html 443
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8

<!doctype html><html><head><meta charset="utf-8"><title>Harbour bridge reopens</title></head><body><article><h1>Harbour bridge reopens after repairs</h1><p>The harbour bridge in the fictional town of Lowmere reopened on Friday after six weeks of repairs, the town council said.</p><p>Traffic was light in the morning, a council spokesperson told reporters.</p></article></body></html>
http://news.example.org/a page?x=1 2 192.0.2.7 20240301100500 text/html 234
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Rainfall record</title></head><body><p>Lowmere recorded its wettest March day since records began, according to the made-up weather office of the region.</p></body></html>
dns:news.example.org 192.0.2.1 20240301100000 text/dns 52
20240301100000
news.example.org.	300	IN	A	192.0.2.7

