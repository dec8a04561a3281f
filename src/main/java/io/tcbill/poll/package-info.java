/**
 * Waits until a requested bill file is generated: polls the Partner API with growing intervals up to a deadline.
 * A file still not ready at the deadline is a {@link io.tcbill.poll.FileNotReadyException}, not a failure of the API.
 */
package io.tcbill.poll;
