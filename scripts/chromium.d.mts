/** The flags the tests start chromium with. */
export declare const CHROMIUM_FLAGS: string[];
/** chromium's path, or why it is missing and cannot be installed. */
export declare function ensureChromium(options?: {
  log?: (line: string) => void;
}): { path: string; missing?: undefined } | { missing: string; path?: undefined };
