export type { LegacyActionOptions, LegacyActionParameters, LegacyCatchOptions } from "../actions/options.js";
export * from "./action.js";
export * from "./choice.js";
export * from "./shape.js";
export * from "./view.js";
export * from "./warehouse.js";
