import type { HrFlowClient } from "../client.js";
import type { HrFlowGeneralEntity, HrFlowJob, HrFlowSkill } from "../schemas.js";
import { htmlToText } from "../text/html.js";

/**
 * The text HrFlow parses to enrich a job: the summary, then each section's description, as the
 * original joined them (section titles are often field names such as `workable_description`, not
 * text to parse). Each part is converted from HTML on its own so the line breaks between them survive.
 */
export function jobText(job: HrFlowJob): string {
  const parts = [job.summary, ...(job.sections ?? []).map((s) => s.description)].map(htmlToText);
  return parts.filter(Boolean).join("\n");
}

type ListField = "languages" | "certifications" | "courses" | "tasks" | "interests";
const LIST_LABELS: Record<string, ListField> = {
  language: "languages",
  certification: "certifications",
  course: "courses",
  task: "tasks",
  interest: "interests",
};
// The original added untyped skills (type null), which the Skill schema forbids; a generic
// "skill" entity is counted as a hard skill instead.
const SKILL_LABELS: Record<string, HrFlowSkill["type"]> = {
  skill: "hard",
  skill_hard: "hard",
  skill_soft: "soft",
};

/**
 * Adds the skills, languages, certifications, courses, tasks and interests HrFlow's text
 * parsing finds in the job's text; existing entries (same name, and type for skills) are kept once.
 */
export async function enrichJob(client: HrFlowClient, job: HrFlowJob): Promise<HrFlowJob> {
  const text = jobText(job);
  if (!text) return job;
  const [parsing] = await client.parseTexts([text]);
  if (!parsing) return job;
  const out: HrFlowJob & { interests?: HrFlowGeneralEntity[] | null } = {
    ...job,
    skills: [...(job.skills ?? [])],
  };
  const lists: Record<ListField, HrFlowGeneralEntity[]> = {
    languages: [...(job.languages ?? [])],
    certifications: [...(job.certifications ?? [])],
    courses: [...(job.courses ?? [])],
    tasks: [...(job.tasks ?? [])],
    interests: [...((job as { interests?: HrFlowGeneralEntity[] | null }).interests ?? [])],
  };
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const e of parsing.entities) {
    const name = parsing.text.slice(e.start, e.end);
    if (!name) continue;
    const label = e.label.toLowerCase();
    const skillType = SKILL_LABELS[label];
    const list = LIST_LABELS[label];
    if (skillType) {
      if (!out.skills!.some((s) => same(s.name, name) && s.type === skillType)) {
        out.skills!.push({ name, type: skillType, value: null });
      }
    } else if (list && !lists[list].some((x) => same(x.name, name))) {
      lists[list].push({ name, value: null });
    }
  }
  return { ...out, ...lists };
}
