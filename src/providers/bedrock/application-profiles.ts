// Application inference profiles (how enterprises tag Bedrock spend) are invoked by their ARN, which says
// nothing about the model behind it. GetInferenceProfile names it (models[].modelArn, a foundation-model
// ARN per region the profile routes to; AWS Bedrock API reference "GetInferenceProfile"). Asked once per
// ARN and remembered in deps.memo, shared by every client of the process.
import { type BedrockClient, GetInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import { ModelError } from '../../core/model/errors';
import { baseModelId } from './inference-profiles';

const APPLICATION_PROFILE_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:\d*:application-inference-profile\/.+$/;

export function isApplicationProfileArn(id: string): boolean {
  return APPLICATION_PROFILE_ARN.test(id);
}

/** The foundation model behind an application profile ARN ("anthropic.claude-sonnet-4-5-20250929-v1:0"). */
export function applicationProfileModel(control: BedrockClient, arn: string, memo: Map<string, unknown> | undefined): Promise<string> {
  const key = `bedrock.applicationProfile:${arn}`;
  const known = memo?.get(key);
  if (known instanceof Promise) return known as Promise<string>;
  const lookup = control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn })).then((p) => {
    const modelArn = p.models?.find((m) => m.modelArn)?.modelArn;
    if (!modelArn) {
      throw new ModelError('configuration', `The application inference profile ${arn} names no model (GetInferenceProfile returned no models[].modelArn).`, { provider: 'bedrock' });
    }
    return baseModelId(modelArn);
  });
  memo?.set(key, lookup);
  // A failed lookup is asked again next time.
  lookup.catch(() => memo?.delete(key));
  return lookup;
}
