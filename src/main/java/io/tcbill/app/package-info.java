/**
 * The process around a command: starting its Spring context with the command's own properties (a start-up failure
 * becomes one line and a kind, the metadata database named without credentials), the JSON log encoder, the log's
 * exception column (a failure tcbill describes is one cause line, {@code --debug} shows stack traces), and the
 * properties that point a context at a local simulator; for {@code status}, a slim context of the same configuration with
 * one connection to the metadata database and nothing else (for {@code serve}, a connection per page). Knows nothing of
 * commands or exit codes.
 */
package io.tcbill.app;
