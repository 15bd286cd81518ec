#include "base/gz.h"
#include "base/err.h"

#include <string.h>
#include <zlib.h>

int sr_gz_is_gzip(const void *p, size_t n)
{
	const unsigned char *s = p;
	return n >= 3 && s[0] == 0x1f && s[1] == 0x8b && s[2] == 8;
}

/* windowBits: 16+MAX_WBITS for gzip, MAX_WBITS for zlib.  Concatenated gzip members
 * are all inflated (as gzip(1) does). */
static int inflate_all(sr_buf *out, const void *p, size_t n, int window_bits)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, window_bits) != Z_OK)
		return SR_ENOMEM;
	int rc = SR_OK;
	const unsigned char *in = p;
	size_t left = n;
	for (;;) {
		uInt chunk = left > (1u << 30) ? (1u << 30) : (uInt)left;
		z.next_in = (unsigned char *)in;
		z.avail_in = chunk;
		int zr;
		do {
			if ((rc = sr_buf_grow(out, 64 * 1024)) != SR_OK) {
				/* allow filling up to max exactly */
				if (out->max - out->len == 0)
					goto out;
				if ((rc = sr_buf_grow(out, out->max - out->len)) != SR_OK)
					goto out;
			}
			size_t room = out->cap - out->len - 1;
			z.next_out = (unsigned char *)out->data + out->len;
			z.avail_out = room > (1u << 30) ? (1u << 30) : (uInt)room;
			zr = inflate(&z, Z_NO_FLUSH);
			size_t produced = (size_t)((unsigned char *)z.next_out - (unsigned char *)out->data) - out->len;
			out->len += produced;
			out->data[out->len] = '\0';
			if (zr == Z_STREAM_END)
				break;
			if (zr != Z_OK && zr != Z_BUF_ERROR) {
				rc = zr == Z_MEM_ERROR ? SR_ENOMEM : SR_EPARSE;
				goto out;
			}
			if (zr == Z_BUF_ERROR && z.avail_in == 0)
				break;
		} while (1);
		size_t consumed = chunk - z.avail_in;
		in += consumed;
		left -= consumed;
		if (zr == Z_STREAM_END) {
			/* another gzip member? skip zero padding */
			while (left && *in == 0) {
				in++;
				left--;
			}
			if (left && window_bits > MAX_WBITS && sr_gz_is_gzip(in, left)) {
				inflateReset(&z);
				continue;
			}
			rc = left ? SR_EPARSE : SR_OK;
			goto out;
		}
		if (!left) {
			rc = SR_EPARSE; /* truncated */
			goto out;
		}
	}
out:
	inflateEnd(&z);
	return rc;
}

int sr_gz_inflate(sr_buf *out, const void *p, size_t n)
{
	return inflate_all(out, p, n, 16 + MAX_WBITS);
}

int sr_gz_unzlib(sr_buf *out, const void *p, size_t n)
{
	return inflate_all(out, p, n, MAX_WBITS);
}

int sr_gz_deflate(sr_buf *out, const void *p, size_t n)
{
	uLong bound = compressBound((uLong)n);
	int rc = sr_buf_grow(out, bound);
	if (rc)
		return rc;
	uLongf dlen = bound;
	if (compress2((Bytef *)out->data + out->len, &dlen, p, (uLong)n, 6) != Z_OK)
		return SR_ENOMEM;
	out->len += dlen;
	out->data[out->len] = '\0';
	return SR_OK;
}
