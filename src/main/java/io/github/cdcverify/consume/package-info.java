/**
 * Reading topics, every partition, with one reader ({@link io.github.cdcverify.consume.TopicReader}) and its views:
 * parsed change events ({@link io.github.cdcverify.consume.ChangeEventConsumer}) and JSON trees
 * ({@link io.github.cdcverify.consume.RawTopicReader}); topic administration ({@link
 * io.github.cdcverify.consume.KafkaTopics}).
 */
package io.github.cdcverify.consume;
