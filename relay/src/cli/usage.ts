export const usage = `Usage: synaptiq-relay <command> [options]     (or: npm run relay -- <command> [options])

Workspaces and credentials (stop the relay first: it keeps the configuration in memory)
  workspace create <id> [--name <name>]   create a workspace; prints its API key and webhook secret once
  workspace list                          list the workspaces
  key create <workspace> [--label <l>]    add an API key (printed once)
  key list <workspace>                    list API keys (ids and prefixes)
  key revoke <workspace> <key-id>         revoke an API key
  secret rotate <workspace>               add a new webhook secret; the old one keeps verifying
  secret retire <workspace>               stop verifying the old webhook secret

Sync
  status [<workspace>]                    queue counts, pause reason and CRM
  sync-now <workspace> [--api-key <key>]  push everything pending now (through the relay when it runs)
  dead-letters list <workspace> [--limit <n>]
  replay <workspace> (--all | <event-id>) put dead letters back in the queue
  import <workspace> <file.jsonl>         store a backlog of events (one JSON event per line)

Options
  --json            machine-readable output on stdout (progress stays on stderr)
  --data-dir <dir>  the relay's data directory (default: DATA_DIR, else ./data)
  --force           change the configuration even though a relay answers on HOST:PORT
  -h, --help        this help

Environment: DATA_DIR, ENCRYPTION_KEY, HOST, PORT, SANDBOX, RELAY_API_KEY, as for the relay.
Exit codes: 0 ok, 1 failure, 2 usage error.
`;
