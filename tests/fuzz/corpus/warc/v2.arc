filedesc://seed.arc 0.0.0.0 20240301100000 text/plain 200 - - 0 seed.arc 118
2 0 Sitrep Seed
URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length

http://news.example.org/v2 192.0.2.7 20240301100000 text/plain 200 ABCDEF - 1234 seed.arc 77
HTTP/1.0 200 OK
Content-Type: text/plain

Seed body for an ARC v2 record.

