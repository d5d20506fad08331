export * from "./auth/client-credentials.js";
export * from "./auth/login-session.js";
export * from "./auth/static.js";
export * from "./credential.js";
export * from "./define.js";
