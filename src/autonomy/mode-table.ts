import {
  type ActionKind,
  type AutonomyMode,
  DEFAULT_MODE,
  strictestMode,
} from "./autonomy-mode.js";
import type { AutonomyFile } from "./autonomy-schema.js";
import { ANY_DOMAIN } from "./match-domains.js";

/** A demotion in force: the class runs at `to` until a person re-grants it. */
export interface ActiveDemotion {
  agent: string;
  domain: string;
  to: AutonomyMode;
}

/** The mode of one call or change, and where it came from. */
export interface ResolvedMode {
  mode: AutonomyMode;
  /** `autonomy.yaml classes[2]`, `default (not listed)`, or the demotion's reason. */
  source: string;
  /** The domain whose mode decided (the strictest one). */
  domain: string;
}

export interface ModeTable {
  /** Whether autonomy.yaml exists; without it the guard leaves decisions to the manifests. */
  configured: boolean;
  resolve(agent: string, domains: readonly string[], action?: ActionKind): ResolvedMode;
}

/**
 * Index autonomy.yaml (and the demotions in force) into maps keyed by agent,
 * domain and action, so a lookup on the guard's hot path is a few `Map.get`s.
 * The most specific entry wins: exact agent over `*`, exact domain over `*`,
 * a listed action over an entry for all actions. A demotion only ever lowers
 * the listed mode.
 */
export function createModeTable(
  file: AutonomyFile | undefined,
  demotions: readonly ActiveDemotion[] = [],
): ModeTable {
  const entries = new Map<string, { mode: AutonomyMode; source: string; demotionKey: string }>();
  file?.classes.forEach((entry, index) => {
    for (const action of entry.actions ?? ["*"]) {
      entries.set(key(entry.agent, entry.domain, action), {
        mode: entry.mode,
        source: `autonomy.yaml classes[${index}]`,
        demotionKey: `${entry.agent}\u0000${entry.domain}`,
      });
    }
  });
  const demoted = new Map<string, AutonomyMode>();
  for (const demotion of demotions) {
    const k = `${demotion.agent}\u0000${demotion.domain}`;
    const prior = demoted.get(k);
    demoted.set(k, prior ? strictestMode(prior, demotion.to) : demotion.to);
  }

  const lookup = (agent: string, domain: string, action: string) =>
    entries.get(key(agent, domain, action)) ??
    entries.get(key(agent, domain, "*")) ??
    entries.get(key("*", domain, action)) ??
    entries.get(key("*", domain, "*")) ??
    (domain === ANY_DOMAIN
      ? undefined
      : (entries.get(key(agent, ANY_DOMAIN, action)) ?? entries.get(key(agent, ANY_DOMAIN, "*"))));

  function one(agent: string, domain: string, action: string): ResolvedMode {
    const listed = lookup(agent, domain, action);
    let mode = listed?.mode ?? DEFAULT_MODE;
    let source = listed?.source ?? "default (not listed in autonomy.yaml)";
    // A demotion of a `*` entry (a model change demotes the entry) holds for every agent it serves.
    const own = demoted.get(`${agent}\u0000${domain}`);
    const viaEntry = listed ? demoted.get(listed.demotionKey) : undefined;
    const down = own && viaEntry ? strictestMode(own, viaEntry) : (own ?? viaEntry);
    if (down && strictestMode(down, mode) === down && down !== mode) {
      mode = down;
      source = `demoted to ${down} (jig autonomy explain ${agent} ${domain})`;
    }
    return { mode, source, domain };
  }

  return {
    configured: file !== undefined,
    resolve(agent, domains, action) {
      const list = domains.length > 0 ? domains : [ANY_DOMAIN];
      let result: ResolvedMode | undefined;
      for (const domain of list) {
        const next = one(agent, domain, action ?? "*");
        if (
          !result ||
          (strictestMode(next.mode, result.mode) === next.mode && next.mode !== result.mode)
        )
          result = next;
      }
      return result as ResolvedMode;
    },
  };
}

function key(agent: string, domain: string, action: string): string {
  return `${agent}\u0000${domain}\u0000${action}`;
}
