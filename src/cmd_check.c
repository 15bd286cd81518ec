/*
 * cmd_check.c - sitrep check: is the database sound?
 */
#include "cli.h"
#include "base/err.h"
#include "store/store.h"

#include <stdio.h>

int cmd_check(int argc, char **argv, sr_cli *cli)
{
	if (argc > 1) {
		fprintf(stderr, "sitrep check: unexpected argument '%s'\n\n", argv[1]);
		sr_cli_usage("check", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf report;
	sr_buf_init(&report, 1 << 20);
	int rc = sr_store_verify(s, &report), status = SR_EXIT_OK;
	if (rc == SR_OK) {
		printf("%s: ok\n", cli->db_path);
	} else if (rc == SR_EPARSE) {
		fprintf(stderr, "sitrep check: %s has problems:\n%s", cli->db_path, report.data);
		status = SR_EXIT_FAIL;
	} else {
		fprintf(stderr, "sitrep check: %s: cannot check: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	}
	sr_buf_release(&report);
	sr_store_close(s);
	return status;
}
