import type { ParameterIssue } from "@hrflow-connectors/core/engine";
import { type Action, secretFieldsOf } from "@hrflow-connectors/core/tooling";
import { UnrecoverableError } from "bullmq";

/**
 * What a worker lets job data ask for. Anyone who can write to Redis can write a job, so a job's
 * config is data: it names secrets (only in the fields the action's schemas mark secret, only
 * among `secrets`) and it can point requests only at `allowBaseUrls`.
 */
export interface WorkerTrust {
  /** Environment variables a job may name in a secret field (`--secrets`). Empty: none. */
  secrets: readonly string[];
  /**
   * URLs a job's config may hold (base_urls, environment URLs...): an origin with an optional path
   * prefix (`https://acme.example.com/api`), a host wildcard (`https://*.example.com`), or
   * `loopback` (http(s) on 127.0.0.0/8, localhost, ::1, for local fakes). Empty: none, and the
   * connectors call their real APIs.
   */
  allowBaseUrls: readonly string[];
}

/** No secret and no URL from job data: what a worker trusts when told nothing. */
export const TRUST_NOTHING: WorkerTrust = { secrets: [], allowBaseUrls: [] };

/** A job the worker will not run; the reason names fields and variable names, never values. */
export class JobRefusedError extends UnrecoverableError {
  override name = "JobRefusedError";
  constructor(readonly issues: ParameterIssue[]) {
    super(`Job refused: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WHOLE_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const ANY_REF = /(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_]*\}/;
const URL_LIKE = /^\s*([a-z][a-z0-9+.-]*:)?\/\//i;
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** The variable a whole-value reference names (`${NAME}` or `{ "$env": "NAME" }`), else null. */
export function referenceName(value: unknown): string | null {
  if (typeof value === "string") return WHOLE_REF.exec(value)?.[1] ?? null;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const name = (value as { $env?: unknown }).$env;
    if (keys.length === 1 && typeof name === "string" && NAME.test(name)) return name;
  }
  return null;
}

/** Whether `url` is one of the URLs `allowed` lists (see `WorkerTrust.allowBaseUrls`). */
export function urlAllowed(url: string, allowed: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false;
  if (u.username || u.password) return false;
  return allowed.some((entry) => {
    if (entry === "loopback") return LOOPBACK.test(u.hostname);
    const wildcard = /^(https?:\/\/)\*\.(.*)$/i.exec(entry);
    let a: URL;
    try {
      a = new URL(wildcard ? `${wildcard[1]}${wildcard[2]}` : entry);
    } catch {
      return false;
    }
    if (a.protocol !== u.protocol || a.port !== u.port) return false;
    const hostOk = wildcard ? u.hostname.endsWith(`.${a.hostname}`) : u.hostname === a.hostname;
    const prefix = a.pathname.replace(/\/+$/, "");
    const path = u.pathname;
    return hostOk && (prefix === "" || path === prefix || path.startsWith(`${prefix}/`));
  });
}

/** `parameter_set.field` paths of the fields the action's schemas mark secret. */
function secretPaths(action: Action): Set<string> {
  const paths = new Set<string>();
  for (const { label, schema } of action.parameterSets) {
    for (const field of secretFieldsOf(schema)) paths.add(`${label}.${field}`);
  }
  return paths;
}

/**
 * A job's config as the run uses it: each secret field's reference replaced by the variable's
 * value from `env` when `trust.secrets` names it; nothing else interpolated. Refuses (JobRefusedError)
 * a secret given as a value, a reference to a variable the worker does not share, a reference
 * outside a secret field, and any URL the worker does not allow (`workerUrls`, its own base URLs,
 * are always allowed).
 */
export function resolveJobConfig(
  action: Action,
  config: Record<string, unknown>,
  trust: WorkerTrust,
  env: NodeJS.ProcessEnv,
  workerUrls: readonly string[] = [],
): Record<string, unknown> {
  const secrets = secretPaths(action);
  const allowed = [...trust.allowBaseUrls, ...workerUrls];
  const issues: ParameterIssue[] = [];
  const refuse = (path: string[], message: string, code: string) =>
    issues.push({ path: `config.${path.join(".")}`, message, code });

  const walk = (value: unknown, path: string[]): unknown => {
    if (path.length === 2 && secrets.has(path.join("."))) {
      const name = referenceName(value);
      if (name === null) {
        refuse(
          path,
          "is a secret given as a value: a job names secrets, Redis never carries them",
          "inline_secret",
        );
      } else if (!trust.secrets.includes(name)) {
        refuse(
          path,
          `names ${name}, which this worker does not share (not in --secrets)`,
          "secret_not_allowed",
        );
      } else if (env[name] === undefined) {
        refuse(path, `names ${name}, which is not set in this worker's environment`, "missing_env");
      } else {
        return env[name];
      }
      return value;
    }
    if (referenceName(value) !== null || (typeof value === "string" && ANY_REF.test(value))) {
      refuse(
        path,
        "holds an environment reference outside a secret field: job data is not interpolated",
        "reference_not_allowed",
      );
      return value;
    }
    if (typeof value === "string") {
      // A base URL is checked whatever it looks like: "evil.example" must not slip past as "not a URL".
      const isUrl = URL_LIKE.test(value) || (path[0] === "base_urls" && path.length === 2);
      if (isUrl && !urlAllowed(value, allowed)) {
        refuse(
          path,
          `points at a URL this worker does not allow (not in --allow-base-urls): ${originOf(value)}`,
          "url_not_allowed",
        );
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return value;
  };
  const resolved = walk(config, []) as Record<string, unknown>;
  if (issues.length > 0) throw new JobRefusedError(issues);
  return resolved;
}

/** The scheme and host of a URL, for a message (never its path or query, which may hold data). */
function originOf(value: string): string {
  try {
    const u = new URL(value.trim());
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(not a valid URL)";
  }
}

/** Parses a comma-separated list flag (`--secrets A,B`, `--allow-base-urls loopback,https://x`). */
export function listFlag(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
