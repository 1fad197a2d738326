/**
 * Fixed account ids of the demo world. They are constants, not drawn from the seed, so the emulator,
 * the e2e fixtures and a developer's bookmarks agree on who "me", the administrator and the system are.
 * All are 32 lowercase hex characters, like real Toloka account ids.
 */

/** The demo requester: the account the app acts as against the emulator. */
export const REQUESTER_ID = "198d07bde558eaab30629e6e944e1aa9";

/** The Toloka support administrator who writes to the requester (role ADMINISTRATOR). */
export const ADMINISTRATOR_ID = "2394cb1bb4752763f06266847e32cc32";

/** The platform itself: automatic notifications (role SYSTEM) and the owner of global skills. */
export const SYSTEM_ID = "811f73fcbd734f024771f860fb7cf5c1";

/** The default seed of the demo data (the project's start date, 2026-11-21). */
export const DEFAULT_SEED = 20261121;
