package dev.stockroom.api;

/** A feature's route table; {@code App} registers every feature's routes once at start. */
public interface Routes {
  void register(Router router);
}
