// Every action of every connector, not a sample: each of its option objects (credentials, pull,
// push, origin, target and action parameters) must be a closed type, with no index signature, so
// that TypeScript's excess-property check rejects a misspelled key in a user's object literal.
import type { RunResult } from "@hrflow-connectors/core";
import type { DigitalRecruiters } from "@hrflow-connectors/digitalrecruiters";
import type { Greenhouse } from "@hrflow-connectors/greenhouse";
import type { Lever } from "@hrflow-connectors/lever";
import type { TalentSoft } from "@hrflow-connectors/talentsoft";
import type { Workable } from "@hrflow-connectors/workable";

/** The camelCase run methods of a connector (`Workable.updateJobsInHrflow`, ...). */
type RunMethods<C> = {
  [K in keyof C as C[K] extends (options: infer O, ...rest: never[]) => Promise<RunResult>
    ? O extends { workflow_id: string }
      ? K
      : never
    : never]: C[K];
};
type OptionsOf<F> = F extends (options: infer O, ...rest: never[]) => Promise<RunResult> ? O : never;
type ObjectSet<V> = V extends readonly unknown[]
  ? never
  : V extends (...args: never[]) => unknown
    ? never
    : V;
/** The keys of an options type whose object value accepts any key. */
type OpenSets<O> = {
  [S in keyof O]-?: [ObjectSet<NonNullable<O[S]>>] extends [never]
    ? never
    : NonNullable<O[S]> extends object
      ? string extends keyof NonNullable<O[S]>
        ? S
        : never
      : never;
}[keyof O];
/** `action.set` for every open option object of a connector's actions (never when all are closed). */
type OpenOptions<C> = {
  [A in keyof RunMethods<C>]: `${A & string}.${OpenSets<OptionsOf<RunMethods<C>[A]>> & string}`;
}[keyof RunMethods<C>];

type Connectors = [
  typeof Workable,
  typeof Lever,
  typeof DigitalRecruiters,
  typeof TalentSoft,
  typeof Greenhouse,
];
type Open = { [I in keyof Connectors]: OpenOptions<Connectors[I]> }[number];

/** Fails to compile, naming the action and option, if any action's option object is open. */
export const everyOptionObjectIsClosed: [Open] extends [never] ? true : Open = true;

// Not vacuous: the methods are found (a connector with none would make the check above pass).
type Count<C> = keyof RunMethods<C>;
export const found: {
  workable: "updateJobsInHrflow" extends Count<typeof Workable> ? true : false;
  lever: "pullProfileList" extends Count<typeof Lever> ? true : false;
  digitalrecruiters: "pushProfile" extends Count<typeof DigitalRecruiters> ? true : false;
  talentsoft: "applicantNew" extends Count<typeof TalentSoft> ? true : false;
  greenhouse: "archiveProfilesInGreenhouse" extends Count<typeof Greenhouse> ? true : false;
} = { workable: true, lever: true, digitalrecruiters: true, talentsoft: true, greenhouse: true };

// And the check sees an open set where there is one.
type Loose = {
  f: (options: { workflow_id: string; push_parameters: Record<string, unknown> }) => Promise<RunResult>;
};
export const detectsOpen: OpenOptions<Loose> = "f.push_parameters";
