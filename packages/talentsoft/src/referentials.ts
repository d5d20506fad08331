/**
 * TalentSoft code-table items the outbound mapping sends. The codes and client codes are those of
 * the tenant the original connector was written for (client codes are tenant-specific), so
 * `makeFormatInfoTsApplicant` accepts other tables; these are the defaults.
 */

/** A TalentSoft code-table item, as the front-office API expects it. */
export interface TalentSoftCode {
  code: number;
  clientCode: string;
  label: string;
  type: string;
  parentType: string;
}

const item = (code: number, clientCode: string, label: string, type: string): TalentSoftCode => ({
  code,
  clientCode,
  label,
  type,
  parentType: "",
});

/** The code tables used by `formatInfoTsApplicant`; keys are the values of HrFlow `talentsoft_*` tags. */
export interface TalentSoftReferentials {
  /** The civility sent for a male profile. */
  civilityMale: TalentSoftCode;
  /** The civility sent for a female profile. */
  civilityFemale: TalentSoftCode;
  /** By tag `talentsoft_education_level`. */
  educationLevels: Readonly<Record<string, TalentSoftCode>>;
  /** By tag `talentsoft_experience_level`; an empty string means "no level" for students. */
  experienceLevels: Readonly<Record<string, TalentSoftCode | "">>;
  /** By tag `talentsoft_contract_type`. */
  contractTypes: Readonly<Record<string, TalentSoftCode>>;
}

/** Every civility of the default tenant, in its order. */
export const CIVILITY: readonly TalentSoftCode[] = [
  item(3445, "_TS_CO_Civility_Dr", "Dr.", "civility"),
  item(1790, "_TS_CO_Civility_Miss", "Miss", "civility"),
  item(280, "_TS_CO_Civility_Mr", "Mr.", "civility"),
  // The trailing space is the tenant's own client code.
  item(1789, "_TS_CO_Civility_Mrs ", "Mrs", "civility"),
  item(281, "_TS_CO_Civility_Mme", "Ms.", "civility"),
  item(3467, "_TS_CO_Civility_Other", "Other", "civility"),
];

const education = (code: number, suffix: string, label: string) =>
  item(code, `_TS_etude_min_${suffix}`, label, "educationLevel");

export const EDUCATIONS_REFERENTIEL: Readonly<Record<string, TalentSoftCode>> = {
  "Aucun diplôme": education(261, "Aucun_diplome", "No Degree"),
  BAC: education(262, "BAC", "Bac"),
  "BAC+2": education(2859, "BAC2", "A Levels, Diploma"),
  "BAC+3": education(4028, "Licence", "Licence"),
  "BAC+4": education(2860, "BAC4", "Bachelor's Degree"),
  "BAC+5": education(266, "BAC5", "Master Degree"),
  "CAP, BEP": education(2858, "CAP_BEP", "GCSEs"),
  DOCTORAT: education(2861, "DOCTORAT", "PhD, Doctorate"),
  Mastère: education(4030, "Mastere", "Mastère"),
};

const experience = (code: number, clientCode: string, label: string) =>
  item(code, clientCode, label, "experienceLevel");

export const EXPERIENCES_REFERENTIEL: Readonly<Record<string, TalentSoftCode | "">> = {
  "Etudiant-e": "",
  "Débutant-e/première expérience": experience(274, "_TS_niveau_exp_premiere_exp", "First experience"),
  "Supérieure à 3 ans": experience(1785, "_TS_niveau_exp_superieur_3ans ", "More than 3 years"),
  "Supérieure à 5 ans": experience(1783, "_TS_niveau_exp_superieur_5ans", "More than 5 years"),
  "Supérieure à 8 ans": experience(275, "_TS_niveau_exp_superieur_8ans", "More than 8 years"),
};

const contract = (code: number, name: string, label: string) =>
  item(code, `_TS_CO_Contract_${name}`, label, "contractType");

export const CONTRACT_TYPE_REFERENTIAL: Readonly<Record<string, TalentSoftCode>> = {
  Alternance: contract(1047, "Alternance", "Apprenticeship"),
  CDD: contract(1045, "CDD", "Fixed Term contract"),
  CDI: contract(1044, "CDI", "Permanent"),
  CIFRE: contract(1049, "CIFRE", "CIFRE"),
  Stage: contract(1046, "Stage", "Internship / Student"),
  VIE: contract(1048, "VIE", "VIE"),
};

/** The original tenant's tables. */
export const DEFAULT_REFERENTIALS: TalentSoftReferentials = {
  civilityMale: CIVILITY[2]!,
  civilityFemale: CIVILITY[4]!,
  educationLevels: EDUCATIONS_REFERENTIEL,
  experienceLevels: EXPERIENCES_REFERENTIEL,
  contractTypes: CONTRACT_TYPE_REFERENTIAL,
};
