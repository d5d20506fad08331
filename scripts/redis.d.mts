/** Raised when no redis-server can be found or installed; the message says what to do. */
export declare class RedisUnavailableError extends Error {}
/** The path of redis-server, or null when absent. */
export declare function findRedisServer(env?: NodeJS.ProcessEnv): string | null;
/** redis-server's path, installing Debian's package when missing and root; throws otherwise. */
export declare function ensureRedisServer(options?: { log?: (line: string) => void }): string;
/** A free TCP port on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** A running redis-server on loopback. */
export interface RunningRedis {
  url: string;
  port: number;
  /** Its temporary directory (the AOF lives there). */
  dir: string;
  readonly pid: number;
  /** SIGKILLs the server, as a crash would. */
  kill(): Promise<void>;
  /** Kills the server and starts it again on the same port and directory (the AOF is replayed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}
/**
 * Starts redis-server on a free loopback port in a temporary directory, with AOF (fsync every
 * second) and `noeviction`, or neither with `volatile: true`.
 */
export declare function startRedis(options?: {
  port?: number;
  log?: (line: string) => void;
  volatile?: boolean;
}): Promise<RunningRedis>;
