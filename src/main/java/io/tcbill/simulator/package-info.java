/**
 * A local, deterministic stand-in for the Tencent Cloud International Partner API ({@code intlpartnersmgt},
 * 2022-09-28): TC3-verified {@code POST /} actions, per-action rate limits, readiness polling and COS-like one-hour
 * download links that stream generated bill CSVs. It serves demos, the project's own tests and users' CI, and its
 * faults ({@link io.tcbill.simulator.SimulatorFaults}) let a client's retry and resume paths be exercised on purpose.
 */
package io.tcbill.simulator;
