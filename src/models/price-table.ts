/** USD per million tokens. */
export interface Price {
  input: number;
  output: number;
}

/** Model id (or `provider:*`) → price. */
export type PriceTable = Readonly<Record<string, Price>>;

/**
 * List prices at the time of writing, per million tokens. Users override or
 * extend them with `models.prices`; a model with no price costs 0 and the
 * review notes say so, rather than guessing.
 */
export const BUILT_IN_PRICES: PriceTable = {
  "anthropic:claude-opus-4-1": { input: 15, output: 75 },
  "anthropic:claude-opus-4": { input: 15, output: 75 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15 },
  "anthropic:claude-sonnet-4": { input: 3, output: 15 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5 },
  "anthropic:claude-3-5-haiku": { input: 0.8, output: 4 },
  "openai:gpt-5": { input: 1.25, output: 10 },
  "openai:gpt-5-mini": { input: 0.25, output: 2 },
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4o": { input: 2.5, output: 10 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai:o4-mini": { input: 1.1, output: 4.4 },
  "ollama:*": { input: 0, output: 0 },
};

/**
 * The price of a model: an exact id, then the longest built-in id the model
 * starts with (dated snapshots such as `claude-sonnet-4-5-20250929`), then
 * `provider:*`. User prices win over built-in ones at every step.
 */
export function findPrice(modelId: string, table: PriceTable): Price | undefined {
  const exact = table[modelId];
  if (exact) return exact;
  let best: { key: string; price: Price } | undefined;
  for (const [key, price] of Object.entries(table)) {
    if (key.endsWith(":*")) continue;
    if (modelId.startsWith(`${key}-`) && (!best || key.length > best.key.length)) {
      best = { key, price };
    }
  }
  if (best) return best.price;
  const provider = modelId.slice(0, modelId.indexOf(":"));
  return table[`${provider}:*`];
}

/** Built-in prices with the user's `models.prices` on top. */
export function mergePrices(overrides: PriceTable): PriceTable {
  return { ...BUILT_IN_PRICES, ...overrides };
}

/** Cost of one call in USD, rounded to a millionth of a dollar. */
export function costOf(
  price: Price | undefined,
  inputTokens: number,
  outputTokens: number,
): number {
  if (!price) return 0;
  return Math.round(inputTokens * price.input + outputTokens * price.output) / 1e6;
}
