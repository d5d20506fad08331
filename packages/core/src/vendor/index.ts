export * from "./auth/authorization-code.js";
export * from "./auth/client-credentials.js";
export { exchangeAuthorizationCode, type OAuthCodeGrant, refreshAccessToken } from "./auth/code-grant.js";
export { AuthorizationCodeOAuth, type AuthorizationCodeOptions } from "./auth/code-session.js";
export * from "./auth/login-session.js";
export * from "./auth/static.js";
export * from "./credential.js";
export * from "./define.js";
