/** A stallholder's answer to a waitlist offer, with the review's own approve path for "yes". */
import { applyDecision } from "./application-review.server";
import { answerOffer as answerWith } from "./waitlist.server";

export function answerOffer(input: Parameters<typeof answerWith>[0]) {
  return answerWith(input, applyDecision);
}
