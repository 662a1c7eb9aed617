console.log("TEST-JS");
