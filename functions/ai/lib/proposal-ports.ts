import type { ProposalPorts } from '../../../shared/ai/index.ts';
import { createFlowEditService, placeNewNodes, type FlowCaller } from '../../../shared/flows/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import type { Use } from '../../../shared/platform/resource.ts';
import { aiFor } from './ai-function.ts';

/** The proposal service's ports (the flows engine's edit, the node placer) and the caller. */
export const proposalFor = (vars: { use: Use; auth: AuthContext }): { ports: ProposalPorts; caller: FlowCaller } => {
  const { ports, who } = aiFor(vars);
  const edit = createFlowEditService(ports.flows);
  return { ports: { ...ports, edit: edit.apply, place: (base, next) => placeNewNodes(base, next) }, caller: who.caller };
};
