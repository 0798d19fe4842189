package dev.tokenkit.spring.apps;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A host application without Spring Security (its tests run with Spring Security off the classpath). */
@SpringBootApplication
public class PlainApp {}
