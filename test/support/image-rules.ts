// What the loopback servers refuse about images, as the real services do: an image for a model that
// takes no images, a format the API does not list, bytes that are not the declared format, an image over
// the size limit. Each rule names its public source; where the service's exact words were not found the
// message says what it refuses in our words, and the comment says so. Written from the providers' docs,
// not from src/core/model/capabilities.ts, so a wrong row there fails a test instead of agreeing with it.

/**
 * Models that take no image input:
 * - gpt-oss-120b/20b: text only (openai/codex amazon_bedrock/catalog.rs input_modalities [Text]);
 * - o1-mini, o3-mini: text only (OpenAI model pages);
 * - Claude 3.5 Haiku, Nova Micro, Mistral Large, Llama 3.1/3.3 and other text Llamas: "Vision: No" in AWS
 *   "Supported models and model features" (Converse).
 */
const TEXT_ONLY = /(?:^|[./])(?:gpt-oss|o1-mini|o3-mini|anthropic\.claude-3-5-haiku|amazon\.nova-micro|mistral\.mistral-large|meta\.llama3-(?:1|3)-|meta\.llama3-2-[13]b|meta\.llama3-\d+b|meta\.llama2)/;

export function takesImages(model: string): boolean {
  return !TEXT_ONLY.test(model.toLowerCase());
}

/** Converse ImageBlock.format values (API_runtime_ImageBlock: png | jpeg | gif | webp). */
export const CONVERSE_IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;

/** Converse: each image at most 3.75 MB (API_runtime_ContentBlock, "image"). */
export const CONVERSE_MAX_IMAGE_BYTES = 3_750_000;

/** The format the bytes really are, from their signature (PNG, JPEG, GIF87a/89a, RIFF…WEBP). */
export function sniffImage(bytes: Buffer): 'png' | 'jpeg' | 'gif' | 'webp' | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return undefined;
}

/**
 * An OpenAI data URL (`data:image/png;base64,…`) checked as the API does: OpenAI answers
 * "You uploaded an unsupported image. Please make sure your image has of one the following formats:
 * ['png', 'jpeg', 'gif', 'webp']." (code invalid_image_format, as quoted in public issues) for bytes
 * that are not one of those formats. Returns the refusal message, or the decoded image.
 */
export function readDataUrl(url: string): { error: string } | { format: string; bytes: Buffer } {
  const m = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]+)$/.exec(url);
  const unsupported = "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].";
  if (!m) return { error: unsupported };
  const bytes = Buffer.from(m[2]!, 'base64');
  if (sniffImage(bytes) !== m[1]) return { error: unsupported };
  return { format: m[1]!, bytes };
}

/**
 * OpenAI's refusal of an image for a model without vision: "Invalid content type. image_url is only
 * supported by certain models." (as quoted in public issues for Chat Completions; the Responses wording
 * was not found and is taken to be the same).
 */
export const OPENAI_NO_VISION = 'Invalid content type. image_url is only supported by certain models.';

/**
 * Converse's refusal of an image for a model without vision. The exact wording was not found; AWS's
 * feature table says the model does not take images, and the service answers a ValidationException.
 */
export function converseNoVision(model: string): string {
  return `The model ${model} does not support image content blocks (loopback wording: Vision is "No" for it in AWS's Converse feature table).`;
}
