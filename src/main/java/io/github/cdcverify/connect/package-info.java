/** Kafka Connect over its REST API, and the Debezium PostgreSQL connector configurations we register. */
package io.github.cdcverify.connect;
