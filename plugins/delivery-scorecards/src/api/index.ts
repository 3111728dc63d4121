export * from './types';
export {
  DoraScorecardsClient,
  doraScorecardsApiRef,
  goldenPathApiRef,
  serviceSloApiRef,
} from './DoraScorecardsClient';
