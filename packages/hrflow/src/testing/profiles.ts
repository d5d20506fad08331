/**
 * A realistic HrFlow profile to push to a vendor: `i` names it (reference `hrflow-<i>`, a unique
 * email), so the vendor's copy can be matched to it.
 */
export function hrflowProfile(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const first = `Ada${i}`;
  const last = `Lovelace${i}`;
  return {
    reference: `hrflow-${i}`,
    created_at: "2024-05-02T10:00:00+0000",
    info: {
      full_name: `${first} ${last}`,
      first_name: first,
      last_name: last,
      email: `ada.${i}@example.com`,
      phone: `+33 6 00 00 ${String(i).padStart(4, "0")}`,
      location: { text: "Paris, France", lat: null, lng: null },
      urls: [],
      summary: `Engineer number ${i}`,
      gender: i % 2 ? "female" : "male",
    },
    experiences: [{ company: "Analytical Engines", title: "Engineer", description: "Built things" }],
    educations: [{ school: "University of London", title: "MSc" }],
    skills: [{ name: "Mathematics", type: "hard", value: null }],
    tags: [],
    attachments: [],
    ...extra,
  };
}
