/** The kinds of record a connector moves. */
export const ENTITIES = ["job", "profile", "application"] as const;
export type Entity = (typeof ENTITIES)[number];

/** What a flow does with the records it moves. */
export const MODES = ["create", "update", "archive"] as const;
export type Mode = (typeof MODES)[number];

/** inbound: vendor -> HrFlow.ai; outbound: HrFlow.ai -> vendor. */
export const DIRECTIONS = ["inbound", "outbound"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Connector categories, with the labels HrFlow's catalogue displays. */
export const CONNECTOR_TYPES = [
  "ATS",
  "CRM",
  "HCM",
  "Automation",
  "Job Board",
  "Classified Ads",
  "Other",
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** Counters a run keeps; the names match the original so results compare directly. */
export const EVENTS = [
  "read_success",
  "read_failure",
  "format_failure",
  "logics_discard",
  "logics_failure",
  "write_failure",
  // Not in the original: failures of a write's finish hook (e.g. an archive), not items read.
  "finish_failure",
  "callback_failure",
  "callback_executed",
  "getting_incremental_token_failure",
] as const;
export type Event = (typeof EVENTS)[number];
export type Events = Record<Event, number>;

/** Why a run ended the way it did. */
export const REASONS = [
  "workflow_id_not_found",
  "origin_is_not_readable",
  "target_is_not_writable",
  "origin_does_not_support_incremental",
  "backend_not_configured",
  "event_parsing_failure",
  "getting_incremental_token_failure",
  "mode_not_supported_by_origin",
  "mode_not_supported_by_target",
  "bad_action_parameters",
  "bad_origin_parameters",
  "bad_target_parameters",
  "format_failure",
  "logics_failure",
  "read_failure",
  "write_failure",
  "store_failure",
  "dead_letter_failure",
  "aborted",
  "none",
] as const;
export type Reason = (typeof REASONS)[number];

export const STATUSES = ["success", "success_with_failures", "fatal"] as const;
export type Status = (typeof STATUSES)[number];

/** A fresh all-zero counter. */
export function emptyEvents(): Events {
  return Object.fromEntries(EVENTS.map((e) => [e, 0])) as Events;
}
