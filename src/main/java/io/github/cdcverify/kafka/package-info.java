/**
 * Kafka administration: whether the cluster answers and accepts our login
 * ({@link io.github.cdcverify.kafka.KafkaProbe}), and its topics and settings
 * ({@link io.github.cdcverify.kafka.KafkaTopics}: list, describe, delete, offsets, broker and topic settings).
 * Reading topics is {@link io.github.cdcverify.consume}'s.
 */
package io.github.cdcverify.kafka;
