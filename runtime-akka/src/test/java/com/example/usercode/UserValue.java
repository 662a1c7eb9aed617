package com.example.usercode;

/** A user class outside Rayo's packages, loaded from a class folder (the test classes). */
public record UserValue(String name, int amount) {
}
