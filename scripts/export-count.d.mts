/** The sorted runtime and type-only export names of one TypeScript entry file. */
export declare function exportNames(entry: string): { runtime: string[]; types: string[] };
