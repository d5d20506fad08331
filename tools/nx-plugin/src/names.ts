/** The spellings of a new connector's name that its files use. */
export interface Names {
  /** Lower-case identifier: folder, subtype, vendor key (`acme`). */
  id: string;
  /** Display and type-name spelling (`Acme`). */
  pascal: string;
  /** Upper-case constant prefix (`ACME`). */
  constant: string;
}

/** Checks a connector name (the subtype rule of defineConnector) and derives its spellings. */
export function namesOf(name: string): Names {
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    throw new Error(
      `Connector name '${name}' must match ^[a-z][a-z0-9]*$ (it becomes the package folder and subtype)`,
    );
  }
  return { id: name, pascal: name[0]?.toUpperCase() + name.slice(1), constant: name.toUpperCase() };
}
