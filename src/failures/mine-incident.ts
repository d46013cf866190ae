import type { CandidateEntry, IncidentMiner } from "./vet-candidate.js";

/** Ask the miner for proposals; an empty answer is a result, not an error. */
export async function mineIncident(
  incidentText: string,
  miner: IncidentMiner,
): Promise<CandidateEntry[]> {
  if (incidentText.trim() === "") return [];
  return miner.propose(incidentText);
}
