// Vitest runs everything as server code; the real `server-only` package would throw on import.
export {};
