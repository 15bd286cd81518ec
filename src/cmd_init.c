/*
 * cmd_init.c - sitrep init: create or migrate the database.
 */
#include "cli.h"
#include "store/store.h"

#include <stdio.h>

int cmd_init(int argc, char **argv, sr_cli *cli)
{
	if (argc > 1) {
		fprintf(stderr, "sitrep init: unexpected argument '%s'\n\n", argv[1]);
		sr_cli_usage("init", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!s)
		return SR_EXIT_FAIL;
	sr_store_close(s);
	if (!cli->quiet)
		printf("%s: ready (schema version %d)\n", cli->db_path, SR_STORE_SCHEMA_VERSION);
	return SR_EXIT_OK;
}
