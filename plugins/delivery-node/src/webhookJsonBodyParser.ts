import { CustomErrorBase, InputError } from '@backstage/errors';
import { HttpBodyParser } from '@backstage/plugin-events-node';

class UnsupportedCharsetError extends CustomErrorBase {
  name = 'UnsupportedCharsetError';
  statusCode = 415;
}

/**
 * The events backend's `application/json` body parser, answering 400 where the
 * default one throws a plain error (500): a body that is not JSON, or none at all.
 * Found by the source modules' webhookFuzz tests. Body parsers belong to the events
 * plugin and serve every `/api/events/http/<topic>`; the Argo CD and Opsgenie events
 * modules register this one, so every topic gets it while either is installed.
 */
export const webhookJsonBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  // express.raw leaves `{}` when there is no body.
  const bodyBuffer = Buffer.isBuffer(request.body)
    ? request.body
    : Buffer.alloc(0);
  const encoding = parsedMediaType.parameters.charset ?? 'utf-8';
  if (!Buffer.isEncoding(encoding)) {
    throw new UnsupportedCharsetError(`Unsupported charset: ${encoding}`);
  }
  try {
    return {
      bodyParsed: JSON.parse(bodyBuffer.toString(encoding)),
      bodyBuffer,
      encoding,
    };
  } catch (error) {
    throw new InputError(
      `The body of a delivery to /api/events/http/${topic} is not valid JSON: ${
        (error as Error).message
      }`,
    );
  }
};
