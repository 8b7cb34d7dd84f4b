/**
 * Reading topics, every partition, with one reader ({@link io.github.cdcverify.consume.TopicReader}) and its views:
 * parsed change events ({@link io.github.cdcverify.consume.ChangeEventConsumer}) and JSON trees
 * ({@link io.github.cdcverify.consume.RawTopicReader}).
 */
package io.github.cdcverify.consume;
