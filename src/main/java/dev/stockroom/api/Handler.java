package dev.stockroom.api;

/** One endpoint: takes the parsed call, returns the reply or throws {@link ApiException}. */
@FunctionalInterface
public interface Handler {
  Reply handle(Call call);
}
