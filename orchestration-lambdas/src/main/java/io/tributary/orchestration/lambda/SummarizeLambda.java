package io.tributary.orchestration.lambda;

import io.tributary.orchestration.SummarizeHandler;

/** Lambda entry point of the Summarize task. */
public final class SummarizeLambda extends JsonLambda {
  public SummarizeLambda() {
    super(new SummarizeHandler());
  }
}
