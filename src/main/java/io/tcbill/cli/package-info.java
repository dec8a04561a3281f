/**
 * The {@code tcbill} command line: run, demo and simulate, each with {@code --help}. Commands validate their
 * arguments before any Spring context starts, and end with a documented exit code.
 */
package io.tcbill.cli;
