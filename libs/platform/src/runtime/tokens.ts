/** Nest injection tokens for the platform's ports. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
