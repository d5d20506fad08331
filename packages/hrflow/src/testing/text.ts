/** Deterministic stand-in for HrFlow's text parsing: a fixed vocabulary, found by whole word. */
const VOCABULARY: Record<string, string[]> = {
  skill_hard: ["python", "javascript", "typescript", "sql", "java", "docker", "kubernetes", "react", "excel"],
  skill_soft: ["communication", "leadership", "teamwork", "creativity"],
  language: ["english", "french", "spanish", "german"],
  certification: ["pmp", "toeic"],
  course: ["machine learning"],
  task: ["code review", "customer support"],
  interest: ["chess", "hiking"],
};

export interface FakeEntity {
  start: number;
  end: number;
  label: string;
}

/** The entities of a text, in order of appearance. */
export function findEntities(text: string): FakeEntity[] {
  const found: FakeEntity[] = [];
  for (const [label, words] of Object.entries(VOCABULARY)) {
    for (const word of words) {
      const re = new RegExp(`\\b${word.replace(/ /g, "\\s+")}\\b`, "gi");
      for (const m of text.matchAll(re)) found.push({ start: m.index, end: m.index + m[0].length, label });
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** One text parsing result, shaped like the API's `data[]` items. */
export function parseText(text: string) {
  const entities = findEntities(text);
  const of = (label: string) =>
    entities.filter((e) => e.label === label).map((e) => text.slice(e.start, e.end));
  return {
    text,
    entities,
    parsing: {
      skills_hard: of("skill_hard"),
      skills_soft: of("skill_soft"),
      languages: of("language"),
      certifications: of("certification"),
      courses: of("course"),
      tasks: of("task"),
      interests: of("interest"),
    },
  };
}
