// Stripe not configured: see status-page-truth.cases.ts.
import { statusPageTruth } from "./status-page-truth.cases";

statusPageTruth(false);
