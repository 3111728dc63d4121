import { CustomErrorBase, InputError } from '@backstage/errors';
import { HttpBodyParser } from '@backstage/plugin-events-node';
import { EventsExtensionPoint } from '@backstage/plugin-events-node/alpha';

class UnsupportedCharsetError extends CustomErrorBase {
  name = 'UnsupportedCharsetError';
  statusCode = 415;
}

function charsetOf(charset: string | undefined): BufferEncoding {
  const encoding = charset ?? 'utf-8';
  if (!Buffer.isEncoding(encoding)) {
    throw new UnsupportedCharsetError(`Unsupported charset: ${encoding}`);
  }
  return encoding;
}

/**
 * What the events backend's own `application/json` parser does (it is not
 * exported): a body that is not JSON, or none at all, throws a plain error (500).
 */
const defaultJsonBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  if (!Buffer.isBuffer(request.body)) {
    throw new Error(
      `Failed to retrieve raw body from incoming event for topic ${topic}; not a buffer: ${typeof request.body}`,
    );
  }
  const encoding = charsetOf(parsedMediaType.parameters.charset);
  return {
    bodyParsed: JSON.parse(request.body.toString(encoding)),
    bodyBuffer: request.body,
    encoding,
  };
};

/** 400 naming the topic and the problem for a body that is not JSON, or none at all. */
const strictJsonBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  // express.raw leaves `{}` when there is no body.
  const bodyBuffer = Buffer.isBuffer(request.body)
    ? request.body
    : Buffer.alloc(0);
  const encoding = charsetOf(parsedMediaType.parameters.charset);
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

// The events backend keeps one parser per content type, the last registered. So
// every registration adds the same parser, and the topics it is strict for are
// kept per events plugin (one extension point object per backend).
const strictTopicsByEvents = new WeakMap<EventsExtensionPoint, Set<string>>();

/** The `application/json` parser: strict for `strictTopics`, the default for the rest. */
export function jsonBodyParserFor(
  strictTopics: ReadonlySet<string>,
): HttpBodyParser {
  return (request, parsedMediaType, topic) =>
    (strictTopics.has(topic) ? strictJsonBodyParser : defaultJsonBodyParser)(
      request,
      parsedMediaType,
      topic,
    );
}

/**
 * Answers 400 naming the problem (where the events backend's default parser
 * answers 500) to a delivery on one of `topics` whose body is not JSON. Topics
 * registered by other modules add up; every other topic keeps the default.
 */
export function addStrictJsonTopics(
  events: EventsExtensionPoint,
  topics: string[],
): void {
  let strictTopics = strictTopicsByEvents.get(events);
  if (!strictTopics) {
    strictTopics = new Set();
    strictTopicsByEvents.set(events, strictTopics);
  }
  topics.forEach(topic => strictTopics.add(topic));
  events.addHttpPostBodyParser({
    contentType: 'application/json',
    parser: jsonBodyParserFor(strictTopics),
  });
}
