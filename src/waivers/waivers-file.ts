/**
 * The waivers file, at the repository root. A governance input: the gate reads
 * it from the trusted base, the integrity layer flags a change that touches
 * it, and the guard denies agents writing it (`BUILTIN_GOVERNANCE_PATHS`).
 */
export const WAIVERS_FILE = "jig.waivers.yaml";

/** How long before its expiry a waiver is called out (`jig waive list`, a needs-human brief). */
export const EXPIRY_NOTICE_DAYS = 14;
