#!/usr/bin/env python3
"""Loads for the service's resource tests, on loopback only, bounded in time and count.

    service_load.py flood PORT MODE COUNT SECONDS [RATE]
                                                    MODE: idle (connect, send nothing) or slow (a request
                                                    head, then one body byte every 5 s); RATE connections
                                                    opened per second (default 2,000)
    service_load.py probe PORT SECONDS              /healthz every 100 ms on a fresh connection
    service_load.py big PORT KEY                    one 4 MiB body [{},{},...] to classify
    service_load.py decide PORT KEY SECONDS         singles and arrays of 10 as fast as one client can;
                                                    prints one line per 200: request id and complaint ids

flood prints one JSON object: how many of its connections the server closed; probe (run as its own
process, so a busy flooding client cannot delay its measurements) prints the slowest /healthz answer
and how many probes failed.
"""
import asyncio
import json
import socket
import sys
import time
import urllib.request


async def probe(port, results, stop):
    while not stop.is_set():
        start = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 2)
            writer.close()
            ok = b" 200 " in line
        except Exception:
            ok = False
        elapsed = time.monotonic() - start
        results.append((ok, elapsed))
        await asyncio.sleep(0.1)


async def hold(port, mode, closed):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        closed.append("refused")
        return
    try:
        if mode == "slow":
            writer.write(b"POST /v1/councils/derby/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            await writer.drain()
        while True:
            if mode == "slow":
                writer.write(b" ")
                await writer.drain()
            try:
                data = await asyncio.wait_for(reader.read(1024), 5)
            except asyncio.TimeoutError:
                continue
            if data == b"":
                closed.append("closed")
                return
    except (ConnectionError, OSError):
        closed.append("reset")


async def flood(port, mode, count, seconds, rate):
    closed = []
    holders = []
    start = time.monotonic()
    for index in range(count):
        holders.append(asyncio.create_task(hold(port, mode, closed)))
        if index % 50 == 49:
            await asyncio.sleep(max(0, start + (index + 1) / rate - time.monotonic()))
    await asyncio.sleep(max(0, start + seconds - time.monotonic()))
    for task in holders:
        task.cancel()
    await asyncio.gather(*holders, return_exceptions=True)
    print(json.dumps({"closed_by_server": len(closed), "connections": count}))


async def probing(port, seconds):
    results, stop = [], asyncio.Event()
    prober = asyncio.create_task(probe(port, results, stop))
    await asyncio.sleep(seconds)
    stop.set()
    await prober
    print(json.dumps({
        "max_health_seconds": round(max((e for _, e in results), default=0), 3),
        "health_failures": sum(1 for ok, _ in results if not ok),
        "health_probes": len(results),
    }))


def big(port, key):
    body = b"[" + b",".join([b"{}"] * 1_398_101) + b"]"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/councils/derby/classify", data=body, method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            print(response.status)
    except urllib.error.HTTPError as error:
        print(error.code)


def decide(port, key, seconds):
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        count = 1 if number % 2 else 10
        items = [{"id": f"K{number}-{i}", "received": "2024-12-20", "service": "highways"} for i in range(count)]
        body = json.dumps(items[0] if count == 1 else items).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/councils/north-somerset/classify", data=body, method="POST",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    print(response.headers["X-Request-Id"], " ".join(item["id"] for item in items), flush=True)
        except Exception:
            time.sleep(0.02)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "flood":
        asyncio.run(flood(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]) if len(sys.argv) > 6 else 2000))
    elif command == "probe":
        asyncio.run(probing(int(sys.argv[2]), float(sys.argv[3])))
    elif command == "big":
        big(int(sys.argv[2]), sys.argv[3])
    elif command == "decide":
        decide(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]))
