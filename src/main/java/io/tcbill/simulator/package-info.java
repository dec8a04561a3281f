/**
 * A local, deterministic stand-in for the Tencent Cloud International Partner API ({@code intlpartnersmgt},
 * 2022-09-28): TC3-verified {@code POST /} actions with per-action rate limits (bill download URLs and packages, the
 * customer list, bill summaries by region, product and pay mode, customer vouchers and their usage), readiness polling
 * and COS-like one-hour links that stream generated bill CSVs and ZIPs, every answer consistent with the same
 * generated rows (see {@link io.tcbill.simulator.BillData}). It serves demos, the project's own tests and users' CI at
 * reseller scale, and its faults ({@link io.tcbill.simulator.SimulatorFaults}) let a client's retry, resume and
 * reconciliation paths be exercised on purpose.
 */
package io.tcbill.simulator;
