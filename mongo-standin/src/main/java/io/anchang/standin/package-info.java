/** The MongoDB stand-in: mongo-java-server taught the commands that current drivers and Spring Boot send. */
package io.anchang.standin;
