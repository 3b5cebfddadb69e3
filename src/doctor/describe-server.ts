// Which Azure DevOps the collection URL reached, from connectionData's `deploymentType` (reference §2.5) and the
// highest REST version one OPTIONS answer lists (§2.3): Server 2019 → 5.0 (2019.1: 5.1), 2020 → 6.0, 2022 → 7.0
// (2022.1: 7.1), the cloud 7.2 (service-hooks-and-server.md §6). Pure.
import { definedProps } from '../util/defined-props.js';
import type { DoctorServer } from './doctor-model.js';

/** REST 5.0 (Server 2019) is the oldest this tool is built and tested for. */
const OLDEST_SUPPORTED = 500;

export function describeServer(connectionData: unknown, restVersion: string | undefined): DoctorServer {
  const deploymentType =
    typeof connectionData === 'object' && connectionData !== null
      ? (connectionData as { deploymentType?: unknown }).deploymentType
      : undefined;
  const hosted = deploymentType === 'hosted';
  const rank = restVersion === undefined ? undefined : rankOf(restVersion);
  const version = definedProps({ restVersion });
  if (rank === undefined) {
    const product = hosted ? 'Azure DevOps Services' : 'Azure DevOps (kind not reported)';
    return { product, supported: true, ...version };
  }
  // A hosted deployment below 7.2 does not exist; the version says more than the label.
  if (rank >= 702 && deploymentType !== 'onPremises') {
    return { product: 'Azure DevOps Services', supported: true, ...version };
  }
  return { product: serverRelease(rank), supported: rank >= OLDEST_SUPPORTED, ...version };
}

function serverRelease(rank: number): string {
  if (rank >= 702) return 'Azure DevOps Server (newer than 2022.1)';
  if (rank >= 701) return 'Azure DevOps Server 2022.1 or later';
  if (rank >= 700) return 'Azure DevOps Server 2022';
  if (rank >= 600) return 'Azure DevOps Server 2020';
  if (rank >= 501) return 'Azure DevOps Server 2019 Update 1';
  if (rank >= 500) return 'Azure DevOps Server 2019';
  return 'Team Foundation Server 2018 or older';
}

function rankOf(version: string): number | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? Number(match[1]) * 100 + Number(match[2]) : undefined;
}
