// Reads the risk model files (data/models/risk-*.json, checked by parseRiskModel) and the rule
// set with its policy figures (data/risk-rules.json) at start.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRiskModel, type RiskModel } from '../../domain/risk/model.ts';
import { DEPRECATED_POLICY_KEYS, deprecatedPolicyKeys, parsePlatformRuleSet, parsePolicy, type PlatformRuleSet, type RiskPolicy } from '../../domain/risk/platform-risk.ts';

export async function loadRiskModelFiles(dir: string): Promise<{ file: string; text: string; model: RiskModel }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /^risk-.+\.json$/.test(f)).sort();
  } catch {
    return [];
  }
  const out: { file: string; text: string; model: RiskModel }[] = [];
  for (const f of names) {
    const text = await readFile(path.join(dir, f), 'utf8');
    const parsed = parseRiskModel(text);
    if (!parsed.ok) throw new Error(`${f}: ${parsed.message}`);
    out.push({ file: f, text, model: parsed.model });
  }
  return out;
}

/**
 * The rule set, the policy figures and the rules as published. `deprecated`: one line per policy key
 * an older file still carries and that is ignored now (DEPRECATED_POLICY_KEYS), for the start log.
 */
export async function loadRiskRules(file: string): Promise<{ rules: PlatformRuleSet; policy: RiskPolicy; raw: unknown; deprecated: string[] }> {
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const parsed = parsePlatformRuleSet(raw);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.en}`);
  const { policy, description, dataset, source, effectiveFrom, ...rules } = raw;
  void description;
  void dataset;
  void source;
  void effectiveFrom;
  const deprecated = deprecatedPolicyKeys(policy).map((key) => `${path.basename(file)}: policy.${key} is deprecated and ignored; the figure is ${DEPRECATED_POLICY_KEYS[key]}`);
  return { rules: parsed.rules, policy: parsePolicy(policy), raw: rules, deprecated };
}
