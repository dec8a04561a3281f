package io.tcbill.cli;

public final class TcbillCli {
    public static void main(String[] args) {
    }
}
